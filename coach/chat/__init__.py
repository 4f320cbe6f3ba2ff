"""The conversation: the REPL, the model loop, the offline coach and the model gate."""
