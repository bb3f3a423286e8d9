"""The pixel frame of a plotly geo map in Mercator: where a longitude and latitude fall on the picture, and back."""

from __future__ import annotations

import math
from dataclasses import dataclass

from district_stats.content.figures.text_boxes import Box


@dataclass(frozen=True)
class Mercator:
    """The pixel frame of a plotly geo map in Mercator fitted to lon/lat ranges (as plotly fits them).

    Plotly scales the range box to fit inside ``width`` × ``height`` keeping the projection's
    aspect, and puts the middle of the ranges (arithmetic mean of the longitudes and of the
    latitudes) at the centre of the frame; ``to_px`` and ``to_lonlat`` convert between degrees
    and px (y downwards).
    """

    lon_range: tuple[float, float]
    lat_range: tuple[float, float]
    width: float
    height: float

    @staticmethod
    def _y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    @property
    def scale(self) -> float:
        """Pixels per radian of longitude."""
        dx = math.radians(self.lon_range[1] - self.lon_range[0])
        dy = self._y(self.lat_range[1]) - self._y(self.lat_range[0])
        return min(self.width / dx, self.height / dy)

    @property
    def drawn_size(self) -> tuple[float, float]:
        """(width, height) in px actually covered by the lon/lat ranges."""
        dx = math.radians(self.lon_range[1] - self.lon_range[0])
        dy = self._y(self.lat_range[1]) - self._y(self.lat_range[0])
        return dx * self.scale, dy * self.scale

    @property
    def region_box(self) -> Box:
        """The box (px) of the lon/lat ranges inside the frame (clipped to the frame)."""
        x0, y0 = self.to_px(self.lon_range[0], self.lat_range[1])
        x1, y1 = self.to_px(self.lon_range[1], self.lat_range[0])
        return max(0.0, x0), max(0.0, y0), min(self.width, x1), min(self.height, y1)

    def _centre(self) -> tuple[float, float]:
        return (self.lon_range[0] + self.lon_range[1]) / 2, (self.lat_range[0] + self.lat_range[1]) / 2

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel position of a point (y grows downwards)."""
        clon, clat = self._centre()
        x = self.width / 2 + math.radians(lon - clon) * self.scale
        y = self.height / 2 - (self._y(lat) - self._y(clat)) * self.scale
        return x, y

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The inverse of :meth:`to_px`."""
        clon, clat = self._centre()
        lon = clon + math.degrees((x - self.width / 2) / self.scale)
        merc = self._y(clat) - (y - self.height / 2) / self.scale
        lat = math.degrees(2 * math.atan(math.exp(merc)) - math.pi / 2)
        return lon, lat
