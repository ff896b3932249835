// The bench thread's text, a JavaScript copy of src/engine/bench.rs (and of the
// samples in tests/fixtures/perf-thread.html): message i is "<sample> #i", every
// third one from me. checkThread() guards the copy against drift.
export const SAMPLES = [
  'Good morning ji 🌹 have a nice day',
  'Kal office mein milte hain, meeting 10 baje hai',
  'सुप्रभात जी, आपका दिन शुभ हो',
  'Did you see the match yesterday? What a finish!',
  'शुभ सकाळ, आज पाऊस आहे का?',
  'Payment dal diya, check kar lo',
  'Please bring the files for the audit tomorrow morning',
  'Aap kaise ho? Ghar pe sab theek?',
  'The grandchildren are coming for Diwali this year, so excited',
  'मेरा नंबर बदल गया है, नया नंबर सेव कर लो',
];

export const textOf = (i) => `${SAMPLES[i % SAMPLES.length]} #${i}`;
export const fromMe = (i) => i % 3 === 0;

export function thread(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push({ me: fromMe(i), text: textOf(i) });
  return out;
}

export const utf8Bytes = (msgs) => msgs.reduce((s, m) => s + Buffer.byteLength(m.text), 0);

/** The Rust unit test engine::bench pins the same figure. */
export function checkThread() {
  const b = utf8Bytes(thread(10_000));
  if (b !== 597_890) throw new Error(`tools/bench/thread.mjs drifted from src/engine/bench.rs (${b} bytes, want 597890)`);
}
