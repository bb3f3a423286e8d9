"""Static embeds: the self-contained page of one chart (with its drawings and its table in words)."""
