"""Pure builders of the document: plain values in, rows, sentences and charts out; no database, no Django."""
