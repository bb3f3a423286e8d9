"""What people read and see: figures, maps, summaries, the presenter story, formatting, texts."""
