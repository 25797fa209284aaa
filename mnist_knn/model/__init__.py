"""The estimator and its parts: features, the exact k-NN engine, both looks, calibration and judgement (no Streamlit)."""
