"""The only Streamlit-aware part of the package: cached loaders, the canvas and shared widgets."""
