from codemix.common.labels import SENTIMENT_LABELS
from codemix.tasks.task import Task

TASK = Task(
    name="sentiment",
    field="sentiment",
    level="sentence",
    labels=SENTIMENT_LABELS,
    main_score="macro_f1",
    description=("Sentence sentiment: negative, neutral, positive. Main score macro-F1 (SemEval-2020 SentiMix's "
                 "metric); GLUECoS and SentMix-3L report weighted-F1, also computed."),
    version="1.0.0",
)
