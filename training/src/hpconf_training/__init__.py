"""Reference training harness: every hyperparameter comes from the hpconf resolver, none from code."""
