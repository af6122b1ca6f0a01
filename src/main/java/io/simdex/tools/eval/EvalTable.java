package io.simdex.tools.eval;

import java.util.Locale;

/** Renders an {@link EvalReport} as the plain-text tables {@code simdex eval} prints. */
public final class EvalTable {

    private EvalTable() {
    }

    public static String render(EvalReport r) {
        var out = new StringBuilder();
        line(out, "model %s %s (%s), %d tokens, long texts: %s; hybrid fusion: %s", r.model(), r.precision(),
                r.precisionChoice(), r.maxTokens(), r.longTexts(), r.fusion());
        if (!r.retrieval().isEmpty()) {
            line(out, "");
            line(out, "%-12s %-8s %7s %8s %8s %8s %8s %8s %10s  %s", "retrieval", "mode", "docs", "queries",
                    "nDCG@10", "R@10", "R@100", "MRR@10", "published", "encoding");
            for (var x : r.retrieval()) {
                line(out, "%-12s %-8s %7d %8d %8.4f %8.4f %8.4f %8.4f %10s  %s", x.dataset(), x.mode(), x.documents(),
                        x.queries(), x.ndcg10(), x.recall10(), x.recall100(), x.mrr10(), published(x.published()),
                        speed(x.encoding()));
            }
        }
        if (!r.sts().isEmpty()) {
            line(out, "");
            line(out, "%-24s %7s %9s %10s  %s", "sts", "pairs", "spearman", "published", "encoding");
            for (var x : r.sts()) {
                line(out, "%-24s %7d %9.4f %10s  %s", x.file(), x.pairs(), x.spearman(), published(x.published()),
                        speed(x.encoding()));
            }
        }
        if (!r.titleAbstract().isEmpty()) {
            line(out, "");
            line(out, "%-16s %-8s %7s %8s %8s  %s", "title->abstract", "mode", "papers", "R@1", "MRR", "encoding");
            for (var x : r.titleAbstract()) {
                line(out, "%-16s %-8s %7d %8.4f %8.4f  %s", "bundled corpus", x.mode(), x.papers(), x.recall1(),
                        x.mrr(), speed(x.encoding()));
            }
        }
        if (!r.related().isEmpty()) {
            line(out, "");
            line(out, "%-12s %-8s %7s %6s %8s %8s %8s %8s %8s  %s", "related", "mode", "docs", "pairs", "queries",
                    "R@10", "R@100", "MRR@100", "AUC", "encoding");
            for (var x : r.related()) {
                line(out, "%-12s %-8s %7d %6d %8d %8.4f %8.4f %8.4f %8s  %s", x.dataset(), x.mode(), x.documents(),
                        x.pairs(), x.queries(), x.recall10(), x.recall100(), x.mrr100(), published(x.auc()),
                        speed(x.encoding()));
            }
        }
        if (!r.judged().isEmpty()) {
            line(out, "");
            line(out, "%-24s %-8s %7s %8s %8s %10s %8s %8s  %s", "judged related", "mode", "papers", "queries",
                    "P@5", "P@5 (=2)", "nDCG@10", "judged@5", "encoding");
            for (var x : r.judged()) {
                line(out, "%-24s %-8s %7d %8d %8.4f %10.4f %8.4f %8.4f  %s", x.judgments(), x.mode(), x.papers(),
                        x.queries(), x.precision5(), x.wanted5(), x.ndcg10(), x.judged5(), speed(x.encoding()));
            }
        }
        if (!r.queries().isEmpty()) {
            line(out, "");
            line(out, "%-10s %-20s %8s %8s %8s %8s", "queries", "style", "queries", "nDCG@10", "MRR@10", "R@10");
            for (var x : r.queries()) {
                line(out, "%-10s %-20s %8d %8.4f %8.4f %8.4f", x.mode(), x.group(), x.queries(), x.ndcg10(), x.mrr10(),
                        x.recall10());
            }
        }
        return out.toString();
    }

    private static String published(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String speed(EvalReport.EncodingSpeed s) {
        if (s == null) {
            return "-";
        }
        if (s.seconds() <= 0) {
            return "cached (speed unknown)";
        }
        return String.format(Locale.ROOT, "%,d texts in %.0f s = %.1f/s, %d over the token budget%s", s.texts(),
                s.seconds(), s.textsPerSecond(), s.truncated(), s.fromCache() ? " (cached run)" : "");
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
