fn main() {
    eprintln!("saavdhan: the command line comes with the engine work");
    std::process::exit(2);
}
