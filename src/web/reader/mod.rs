//! Facebook page readers (page-reader work fills this in).
