"""The drawing path and the model: everything a drawing runs through inside the app server (no Streamlit here)."""
