//! Throughput benchmarks; each prints its figure. Run with `cargo bench`.

fn main() {
    println!("smsctl benches: none yet");
}
