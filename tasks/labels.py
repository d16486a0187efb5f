"""The closed label sets of the tasks, as the tasks export them (defined in ``codemix.common.labels``)."""

from codemix.common.labels import (  # noqa: F401 - re-exported names
    LABEL_SETS, LANGUAGE_INDEPENDENT_LID, LID_LABELS, OFFENSIVE_LABELS, SENTENCE_FIELDS, SENTIMENT_LABELS, TASK_FIELDS,
    UPOS_LABELS,
)
