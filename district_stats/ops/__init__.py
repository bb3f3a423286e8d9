"""Operations on the data folder: the geometry build, updates, the snapshot deck, generated docs."""
