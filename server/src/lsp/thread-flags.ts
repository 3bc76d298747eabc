/**
 * The V8 flags of the analysis threads, set by their entry (thread-main.ts) before the
 * analysis bundle loads: V8 keys a code cache to its flags, so a cache written after they
 * were set fits the next start. Flags belong to the whole process (the connection's thread
 * too); every analysis thread sets the same ones.
 */
export const THREAD_FLAGS: readonly string[] = [
  // The idle collector needs gc() (idle-gc.ts).
  '--expose-gc',
  // A regular expression is first run by V8's interpreter and compiled to machine code only
  // when it runs again; a first check runs hundreds of them, each over the whole report,
  // once or a few times: compiled at once, that check cost the thread 7-47 ms less CPU in
  // three paired runs (medians of 7-13 starts on the 186 KB seed, on a loaded machine,
  // 2026-12-04: 381 -> 334, 344 -> 337, 343 -> 325 ms). Later checks run compiled code
  // either way.
  '--no-regexp-tier-up',
  // V8 optimises a function once it has run a set amount of bytecode (its interrupt
  // budget, 67,584 in Node 20). In a first check the Markdown tokenizer's and the rules'
  // functions are optimised while their feedback still changes, and again once it has
  // settled: ~250 ms of compiling on V8's background threads in a ~450 ms start, on two
  // cores beside the checking and connection threads. With about three times the budget,
  // ~80 ms, and no more CPU on the checking thread: start to first diagnostics 471 -> 392
  // ms (medians of 7 alternating starts on the 186 KB seed, 2026-12-04; a budget of
  // 135,168: 427 ms, 400,000: 388 ms). cli/jit.ts sets a larger one for long runs of the
  // command.
  '--interrupt-budget=200000',
];
