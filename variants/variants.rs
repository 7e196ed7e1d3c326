//! Empty library target shared by the variant crates; the build script does the work.
