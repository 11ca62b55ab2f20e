# An allowed path in the corpus config: a compatibility shim that maps old names to resolved values.
LEGACY_DEFAULTS = {"max_depth": 6, "learning_rate": 0.1}
