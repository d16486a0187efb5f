from codemix.common.labels import UPOS_LABELS
from codemix.tasks.task import Task

TASK = Task(
    name="pos",
    field="upos",
    level="token",
    labels=UPOS_LABELS,
    main_score="accuracy",
    description=("Universal POS tagging (17 UD tags) of code-mixed text; reads the record field upos. Scored over all "
                 "tokens pooled; main score accuracy, the POS-tagging convention."),
    version="1.0.0",
    # The ICON POS contests gave each test token's language tag with the input; a POS system
    # may read the gold LID layer where the corpus has one.
    inputs=("id", "corpus", "split", "text", "tokens", "domain", "lid"),
)
