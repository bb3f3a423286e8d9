"""Pictures: plotly charts and maps, their canvases, legends and names, and their layouts for a fixed width."""
