"""View builders: data in, a figure or a picture out (plotly figures, galleries, maps); no Streamlit."""
