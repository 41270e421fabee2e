import { describe, expect, it } from "vitest";
import { canonicalModel, findBenchmark, isKnownModel } from "../pipeline/stages/normalize/vocabulary.ts";
import models from "../pipeline/vocab/models.json" with { type: "json" };
import benchmarks from "../pipeline/vocab/benchmarks.json" with { type: "json" };

describe("canonicalModel", () => {
  it.each([
    ["LLAMA-2", "LLaMA 2"],
    ["LLaMA2", "LLaMA 2"],
    ["Llama 2", "LLaMA 2"],
    ["LLAMA 2", "LLaMA 2"],
    ["llama2", "LLaMA 2"],
    ["LLAMA 1", "LLaMA"],
    ["LLaMA3", "LLaMA 3"],
    ["Baichuan3", "Baichuan 3"],
    ["Baichuan 3", "Baichuan 3"],
    ["GPT-4-Turbo", "GPT-4 Turbo"],
    ["GPT4", "GPT-4"],
    ["GPT-4V", "GPT-4V"],
    ["GPT-3.5Turbo", "GPT-3.5 Turbo"],
    ["Gemini_Pro", "Gemini Pro"],
    ["Gemini 1.5 pro", "Gemini 1.5 Pro"],
    ["Gemini 1.0 Ultra", "Gemini 1.0 Ultra"],
    ["Mixtral-8x7B-Instruct-v0.1", "Mixtral 8x7B Instruct"],
    ["Mixtral 8x7B-Instruct", "Mixtral 8x7B Instruct"],
    ["Mixtral 8x7B", "Mixtral 8x7B"],
    ["LLaMA-2-70b-chat", "LLaMA 2 70B Chat"],
    ["LLaMA-2-70B", "LLaMA 2 70B"],
    ["Claude-2.1", "Claude 2.1"],
    ["Claude2.1", "Claude 2.1"],
    ["Claude-2.0", "Claude 2.0"],
    ["Claude 2", "Claude 2"],
    ["Claude-1", "Claude 1"],
    ["Claude-Instant-1", "Claude Instant 1"],
    ["Claude3", "Claude 3"],
    ["Claude 3 Opus", "Claude 3 Opus"],
    ["PaLM 2-L", "PaLM 2-L"],
    ["PaLM-2-L", "PaLM 2-L"],
    ["Inflection-2", "Inflection-2"],
    ["Grok 1", "Grok 1"],
    ["Mistral-Medium", "Mistral Medium"],
    ["GLM4", "GLM-4"],
    ["abab6", "abab6"],
    ["abab5.5", "abab5.5"],
    ["ERNIE 3.0", "ERNIE 3.0"],
    ["Yi-34B-Chat", "Yi-34B-Chat"],
    ["Tulu-2-DPO-70B", "Tulu 2 DPO 70B"],
    ["通义千问", "Qwen"],
    ["GEN-2", "Gen-2"],
    ["PikaLabs", "Pika"],
    ["Make-A-Video", "Make-A-Video"],
    ["Stable Video Diffusion", "SVD"],
    ["ModelScopeT2V", "ModelScopeT2V"],
    ["GPT-3.5-Turbo-0613", "GPT-3.5 Turbo 0613"],
    ["GPT-4-0314", "GPT-4 0314"],
    ["ＧＰＴ－４", "GPT-4"],
  ])("%s -> %s", (label, name) => {
    const m = canonicalModel(label);
    expect(m).toEqual({ name, known: true, matched: label });
  });

  it("keeps distinct names distinct", () => {
    expect(canonicalModel("GPT-4").name).toBe("GPT-4");
    expect(canonicalModel("GPT-4V").name).toBe("GPT-4V");
    expect(canonicalModel("Claude 2").name).toBe("Claude 2");
    expect(canonicalModel("Claude 2.1").name).toBe("Claude 2.1");
    expect(canonicalModel("GPT-3.5").name).toBe("GPT-3.5");
    expect(canonicalModel("GPT-3.5 Turbo").name).toBe("GPT-3.5 Turbo");
    expect(canonicalModel("Gemini Pro").name).toBe("Gemini Pro");
    expect(canonicalModel("Gemini 1.0 Pro").name).toBe("Gemini 1.0 Pro");
  });

  it("ignores trailing qualifiers, reference marks and footnote marks", () => {
    expect(canonicalModel("GPT-3.5 (5 shot)")).toEqual({ name: "GPT-3.5", known: true, matched: "GPT-3.5" });
    expect(canonicalModel("GPT-4 (Med-prompt)")).toEqual({ name: "GPT-4", known: true, matched: "GPT-4" });
    expect(canonicalModel("CogVideo (EN) [36]")).toEqual({ name: "CogVideo", known: true, matched: "CogVideo" });
    expect(canonicalModel("Make-A-Video [82]").name).toBe("Make-A-Video");
    expect(canonicalModel("SVD (ours)").name).toBe("SVD");
    expect(canonicalModel("VideoPoet (Pretrain)").name).toBe("VideoPoet");
    expect(canonicalModel("GPT-4（5 shot）").name).toBe("GPT-4");
    expect(canonicalModel("  Gemini Ultra*  ").matched).toBe("Gemini Ultra");
  });

  it("keeps unknown names as printed, minus qualifiers", () => {
    expect(canonicalModel("Human Baseline")).toEqual({
      name: "Human Baseline",
      known: false,
      matched: "Human Baseline",
    });
    expect(canonicalModel("MRAA[37]")).toEqual({ name: "MRAA", known: false, matched: "MRAA[37]" });
    expect(canonicalModel("DreamPose*").name).toBe("DreamPose");
    expect(canonicalModel("  Ours ").name).toBe("Ours");
    expect(canonicalModel("Baichuan 3/GPT-4").known).toBe(false);
    expect(canonicalModel("LLaMA 2 Community").known).toBe(false);
    expect(canonicalModel("(5 shot)").name).toBe("(5 shot)");
  });

  it("isKnownModel", () => {
    expect(isKnownModel("LLAMA-2")).toBe(true);
    expect(isKnownModel("GPT-4 (5 shot)")).toBe(true);
    expect(isKnownModel("MMLU")).toBe(false);
    expect(isKnownModel("Model")).toBe(false);
    expect(isKnownModel("Human Baseline")).toBe(false);
    expect(isKnownModel("")).toBe(false);
  });
});

describe("findBenchmark", () => {
  it.each([
    [
      "MMLU Multiple-choice questions in 57 subjects (professional & academic) (Hendrycks et al., 2021a)",
      "MMLU",
      "MMLU",
      "benchmark",
    ],
    ["Undergraduate level knowledge MMLU", "MMLU", "MMLU", "benchmark"],
    ["Graduate level reasoning GPQA, Diamond", "GPQA", "GPQA", "benchmark"],
    ["HellaSwag (10-shot)", "HellaSwag", "HellaSwag", "benchmark"],
    [
      "BigBench - Hard: A subset of harder tasks from Big Bench formatted as CoT problems.",
      "BIG-Bench-Hard",
      "BigBench - Hard",
      "benchmark",
    ],
    ["BIG-Bench-Hard Subset of hard BIG-bench tasks", "BIG-Bench-Hard", "BIG-Bench-Hard", "benchmark"],
    ["Mixed evaluations BIG-Bench-Hard", "BIG-Bench-Hard", "BIG-Bench-Hard", "benchmark"],
    ["Knowledge Q&A ARC-Challenge", "ARC-Challenge", "ARC-Challenge", "benchmark"],
    ["ARC Challenge (25-shot)", "ARC-Challenge", "ARC Challenge", "benchmark"],
    ["SSIM ↑", "SSIM", "SSIM", "metric"],
    ["FVD (↓)", "FVD", "FVD", "metric"],
    ["LPIPS ↓", "LPIPS", "LPIPS", "metric"],
    ["IS", "IS", "IS", "metric"],
    ["CLIPSIM", "CLIPSIM", "CLIPSIM", "metric"],
    ["Arena Elo rating", "Arena Elo", "Arena Elo rating", "benchmark"],
    ["MT-bench (score)", "MT-Bench", "MT-bench", "benchmark"],
    ["MT Bench (for Instruct Models)", "MT-Bench", "MT Bench", "benchmark"],
    ["GSM-8K (5-shot)", "GSM8K", "GSM-8K", "benchmark"],
    ["GSM 8K", "GSM8K", "GSM 8K", "benchmark"],
    ["Grade school math GSM8K", "GSM8K", "GSM8K", "benchmark"],
    ["Math problem-solving MATH", "MATH", "MATH", "benchmark"],
    ["MATH Math problems across 5 difficulty levels", "MATH", "MATH", "benchmark"],
    ["Multilingual math MGSM", "MGSM", "MGSM", "benchmark"],
    ["Reasoning over text DROP, F1 score", "DROP", "DROP", "benchmark"],
    ["MBPP (pass@1)", "MBPP", "MBPP", "benchmark"],
    ["pass@1", "pass@1", "pass@1", "metric"],
    ["WMT23 Machine translation (metric: BLEURT)", "WMT23", "WMT23", "benchmark"],
    ["BLEURT", "BLEURT", "BLEURT", "metric"],
    ["F1-score", "F1", "F1-score", "metric"],
    ["Natural Questions (1-shot)", "Natural Questions", "Natural Questions", "benchmark"],
    ["AMC 2022–23: 250 latest problems", "AMC 2022-23", "AMC 2022–23", "benchmark"],
    ["VATEX (test) English video captioning", "VATEX", "VATEX", "benchmark"],
    ["VATEX ZH (val) Chinese video captioning", "VATEX ZH", "VATEX ZH", "benchmark"],
    ["Ai2D", "AI2D", "Ai2D", "benchmark"],
    ["MathVISTA", "MathVista", "MathVISTA", "benchmark"],
    ["C-Eval", "C-Eval", "C-Eval", "benchmark"],
    ["CRUXEval-O", "Crux-O", "CRUXEval-O", "benchmark"],
    ["Crux-I", "Crux-I", "Crux-I", "benchmark"],
    ["ReCoRD", "ReCoRD", "ReCoRD", "benchmark"],
    ["WiC", "WiC", "WiC", "benchmark"],
    ["UCF-101", "UCF-101", "UCF-101", "benchmark"],
    ["MSR-VTT", "MSR-VTT", "MSR-VTT", "benchmark"],
    ["在MMLU上", "MMLU", "MMLU", "benchmark"],
    ["ＭＭＬＵ", "MMLU", "ＭＭＬＵ", "benchmark"],
  ])("%s -> %s", (label, name, matched, kind) => {
    expect(findBenchmark(label)).toEqual({ name, known: true, matched, kind });
  });

  it("returns null for labels without a vocabulary entry", () => {
    for (const label of [
      "License",
      "Training Data",
      "Params",
      "Context Length",
      "Benchmark (shots)",
      "Model",
      "Method",
      "Mathematical reasoning",
      "Math problems",
      "This model is the best, and it is cheap",
      "drop the record and race ahead",
      "GPT-4",
      "Human Baseline",
      "",
    ]) {
      expect(findBenchmark(label), label).toBeNull();
    }
  });

  it("matches whole tokens only", () => {
    expect(findBenchmark("MMLUX")).toBeNull();
    expect(findBenchmark("SuperCLUE")?.name).toBe("SuperCLUE");
    expect(findBenchmark("SuperGLUE")?.name).toBe("SuperGLUE");
    expect(findBenchmark("MMLU-Pro")?.name).toBe("MMLU-Pro");
    expect(findBenchmark("ARC-Easy")?.name).toBe("ARC-Easy");
  });

  it("prefers the earliest match, then the longest", () => {
    expect(findBenchmark("DROP Reading comprehension (metric: F1-score)")?.name).toBe("DROP");
    expect(findBenchmark("Table 2. UCF-101 zero-shot text-to-video generation, FVD")?.name).toBe("UCF-101");
    expect(findBenchmark("BIG-Bench Hard")?.name).toBe("BIG-Bench-Hard");
    expect(findBenchmark("BIG-Bench")?.name).toBe("BIG-Bench");
  });
});

describe("vocabulary data", () => {
  it("has unique canonical names", () => {
    const names = models.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const bnames = benchmarks.map((b) => b.name);
    expect(new Set(bnames).size).toBe(bnames.length);
  });

  it("maps every canonical name and alias back to its entry", () => {
    for (const m of models) {
      for (const alias of [m.name, ...m.aliases]) expect(canonicalModel(alias).name, alias).toBe(m.name);
    }
    for (const b of benchmarks) {
      for (const alias of [b.name, ...b.aliases]) expect(findBenchmark(alias)?.name, alias).toBe(b.name);
    }
  });

  it("keeps the generic word Score out", () => {
    expect(benchmarks.some((b) => [b.name, ...b.aliases].some((a) => a.toLowerCase() === "score"))).toBe(false);
    expect(findBenchmark("Score")).toBeNull();
  });
});
