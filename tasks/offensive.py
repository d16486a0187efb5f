from codemix.common.labels import OFFENSIVE_LABELS
from codemix.tasks.task import Task

TASK = Task(
    name="offensive",
    field="offensive",
    level="sentence",
    labels=OFFENSIVE_LABELS,
    main_score="macro_f1",
    description=("Offensive language (aggression and hate folded in): not_offensive, offensive. Main score macro-F1 "
                 "(OffensEval's); TRAC-1 and OffMix-3L report weighted-F1, also computed."),
    version="1.0.0",
)
