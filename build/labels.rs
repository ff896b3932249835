// Compiles labels/*.toml (Facebook UI label dictionaries) into $OUT_DIR/labels.json.
// (Filled in by the page-reader work.)
pub fn compile() {
    println!("cargo:rerun-if-changed=labels");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("labels.json");
    std::fs::write(out, "{}").unwrap();
}
