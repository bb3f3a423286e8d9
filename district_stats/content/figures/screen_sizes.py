"""Sizes of the presenter's pictures (projector and phone), in layout px, and the scale they are rendered at."""

#: Sizes in px of the pictures of the presenter screens, each shown 1:1 in its place at 1280×720 (the
#: presenter's type and layout scale with the screen, so at 1920×1080 they are shown 1.5× larger: rendered
#: at IMAGE_SCALE they stay sharp). The screen is 1020 px wide: the room's rail (step, QR code, link) takes
#: the right edge. The map of screen 2 is 530 px tall: the region fills it.
MAP_VISUAL = (700, 530)
#: The cover's map (right column, beside the conference's facts), legend under it.
COVER_VISUAL = (425, 500)
#: Story screen 6 and the drill-down: a district's comuni (left column), 480 px tall.
DISTRICT_VISUAL = (660, 480)
#: Chart screens (the full width of the screen under the title and message).
SCREEN_VISUAL = (1020, 420)
#: The same pictures for phones (the room opens the current screen from the QR code): drawn for a 360 px
#: column with the dashboard's phone type sizes (charts: the static embeds' phone layout; height: the map's).
SCREEN_NARROW = (360, 560)
NARROW_DISTRICT = (360, 470)
#: Rendering scale of the pictures (device pixels per layout px): sharp up to 2× the 1280×720 size.
IMAGE_SCALE = 2
