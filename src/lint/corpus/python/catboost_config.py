from dataclasses import dataclass, field

from catboost import CatBoostClassifier


@dataclass
class CatBoostSettings:
    depth: int = 6  # EXPECT HP001 depth
    iterations: int = 1000  # EXPECT HP001 iterations
    l2_leaf_reg: float = 3.0  # EXPECT HP001 l2_leaf_reg
    loss_function: str = "Logloss"
    cat_features: list = field(default_factory=list)
    thread_count: int = -1


def build(settings: CatBoostSettings, **kwargs):
    extra = {"random_seed": 7, "od_wait": 50}  # EXPECT HP001 random_seed; HP001 od_wait
    rate = kwargs.get("learning_rate", 0.03)  # EXPECT HP001 learning_rate
    return CatBoostClassifier(depth=settings.depth, iterations=settings.iterations, learning_rate=rate, **extra, verbose=False)


def report(model, width=80, precision=3):
    scores = model.get_best_score()
    return {k: round(v["Logloss"], precision) for k, v in scores.items()}
