# EXPECT HP003 (anywhere in the file)
def train(X, y:
    model = XGBClassifier(max_depth=6)  # EXPECT HP001 max_depth (still scanned where the parser recovered)
    return model
