"""Offline work, never imported by the app: the ``ties`` command (``cli``), the project's own Neo4j
(``neo4j_server``, ``pids``, ``supervision``), ``ties import`` (``importer``, which reads
``import_files``) and ``ties generate`` (``generator``).

The app's package (``service`` outside this folder) holds only what a request touches; tools
import from it, never the other way round.
"""
