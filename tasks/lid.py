from codemix.common.labels import LID_LABELS
from codemix.tasks.task import Task

TASK = Task(
    name="lid",
    field="lid",
    level="token",
    labels=LID_LABELS,
    main_score="macro_f1",
    description=("Token-level language identification: en hi bn mr, ne (named entity), mixed (one word mixing two "
                 "languages), fw (another language), other (punctuation, numbers, emoji, URLs, mentions), unk. "
                 "Scored over all tokens of the test set pooled; main score macro-F1 (accuracy is dominated by the "
                 "majority language)."),
    version="1.0.0",
)
