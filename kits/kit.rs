//! Empty library target shared by the kit crates; the build script does the work.
