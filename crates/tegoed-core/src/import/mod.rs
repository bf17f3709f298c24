//! Importing bank statements into the book.
