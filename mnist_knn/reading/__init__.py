"""A drawing's path: pixels -> MNIST digit -> the model's search -> one vote -> what a person is told (no Streamlit)."""
