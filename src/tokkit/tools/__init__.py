"""Tools around a tokenizer: :class:`EncodingVisualizer` draws an encoding as HTML (HF's ``tokenizers.tools``).

>>> from tokkit import Tokenizer, models
>>> viz = EncodingVisualizer(Tokenizer(models.WordLevel({"hi": 0})), default_to_notebook=False)
>>> '<span class="token even-token"  >hi</span>' in viz("hi")
True
"""

from .rendering import AnnotationRangeError, EmptyTextError
from .visualizer import Annotation, EncodingVisualizer, NotebookUnavailableError

__all__ = ["Annotation", "AnnotationRangeError", "EmptyTextError", "EncodingVisualizer", "NotebookUnavailableError"]
