"""perf-mirror's conversational side: the CLI, the chat REPL, the model's tools and memory.

Importing ``coach`` is cheap on purpose: litellm, chromadb and onnxruntime are imported only by
the commands that need them.
"""
