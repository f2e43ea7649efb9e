"""Ties: a relationship service for a professional network, kept in Neo4j, asked over GraphQL."""
