"""Functions the model may call: typed, documented, each a thin door into the core."""
