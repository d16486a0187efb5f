"""The codemix error family, as the loaders export it (defined in ``codemix.common.errors``)."""

from codemix.common.errors import (  # noqa: F401 - re-exported names
    ChecksumError, CodemixError, DataNotFoundError, DownloadError, FormatError, LabelError, RecordError, SpecError,
    UnknownNameError,
)
