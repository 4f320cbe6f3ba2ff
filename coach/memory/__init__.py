"""Career memory: jobs, accomplishments and struggles, indexed for retrieval."""
