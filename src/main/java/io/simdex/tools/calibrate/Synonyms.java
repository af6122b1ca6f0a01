package io.simdex.tools.calibrate;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The built-in dictionary of the paraphraser: common words and phrases of scientific abstracts, each with a
 * replacement an author rewriting the abstract might pick.
 *
 * <p>A line reads {@code forms => replacements}, where forms are the inflections of one word ({@code propose |
 * proposes | proposed | proposing}) and each maps to the replacement at the same position. An optional
 * {@code ! word word} tail lists next words that make a match unsafe: "results" is a noun worth replacing by
 * "findings", but "results in" is a verb. The dictionary is one-way: a replacement is never rewritten again.
 */
final class Synonyms {

    private static final String[] TABLE = {
            // verbs
            "propose | proposes | proposed | proposing => introduce | introduces | introduced | introducing",
            "introduce | introduces | introduced | introducing => present | presents | presented | presenting",
            "demonstrate | demonstrates | demonstrated | demonstrating => show | shows | shown | showing",
            "show | shows | showed | shown | showing"
                    + " => demonstrate | demonstrates | demonstrated | demonstrated | demonstrating",
            "achieve | achieves | achieved | achieving => attain | attains | attained | attaining",
            "improve | improves | improved | improving => enhance | enhances | enhanced | enhancing",
            "outperform | outperforms | outperformed | outperforming => surpass | surpasses | surpassed | surpassing",
            "utilize | utilizes | utilized | utilizing => use | uses | used | using",
            "use | uses | used | using => employ | employs | employed | employing",
            "leverage | leverages | leveraged | leveraging => exploit | exploits | exploited | exploiting",
            "address | addresses | addressed | addressing => tackle | tackles | tackled | tackling",
            "develop | develops | developed | developing => design | designs | designed | designing",
            "investigate | investigates | investigated | investigating => examine | examines | examined | examining",
            "explore | explores | explored | exploring => investigate | investigates | investigated | investigating",
            "analyze | analyzes | analyzed | analyzing => examine | examines | examined | examining",
            "require | requires | required | requiring => need | needs | needed | needing",
            "enable | enables | enabled | enabling => allow | allows | allowed | allowing",
            "allow | allows | allowed | allowing => permit | permits | permitted | permitting",
            "provide | provides | provided | providing => offer | offers | offered | offering",
            "obtain | obtains | obtained | obtaining => achieve | achieves | achieved | achieving",
            "reduce | reduces | reduced | reducing => decrease | decreases | decreased | decreasing",
            "generate | generates | generated | generating => produce | produces | produced | producing",
            "evaluate | evaluates | evaluated | evaluating => assess | assesses | assessed | assessing",
            "observe | observes | observed | observing => notice | notices | noticed | noticing",
            "identify | identifies | identified | identifying => pinpoint | pinpoints | pinpointed | pinpointing",
            "capture | captures | captured | capturing => represent | represents | represented | representing",
            "extract | extracts | extracted | extracting => derive | derives | derived | deriving",
            "exhibit | exhibits | exhibited | exhibiting => display | displays | displayed | displaying",
            "mitigate | mitigates | mitigated | mitigating => alleviate | alleviates | alleviated | alleviating",
            "combine | combines | combined | combining => merge | merges | merged | merging",
            "consider | considers | considered | considering => examine | examines | examined | examining",
            "facilitate | facilitates | facilitated | facilitating => support | supports | supported | supporting",
            "reveal | reveals | revealed | revealing => uncover | uncovers | uncovered | uncovering",
            "verify | verifies | verified | verifying => confirm | confirms | confirmed | confirming",
            "perform | performs | performed | performing => conduct | conducts | conducted | conducting",
            "construct | constructs | constructed | constructing => build | builds | built | building",
            "aim | aims | aimed | aiming => seek | seeks | sought | seeking",
            "exploit | exploits | exploited | exploiting => harness | harnesses | harnessed | harnessing",
            "incorporate | incorporates | incorporated | incorporating"
                    + " => integrate | integrates | integrated | integrating",
            "find | finds => discover | discovers",
            "suggest | suggests | suggested | suggesting => indicate | indicates | indicated | indicating",
            "understand | understands | understood => comprehend | comprehends | comprehended",
            "describe | describes | described | describing"
                    + " => characterize | characterizes | characterized | characterizing",
            "explain | explains | explained | explaining => clarify | clarifies | clarified | clarifying",
            "maintain | maintains | maintained | maintaining => preserve | preserves | preserved | preserving",
            "ensure | ensures | ensured | ensuring => guarantee | guarantees | guaranteed | guaranteeing",
            "enhance | enhances | enhanced | enhancing => boost | boosts | boosted | boosting",
            "employ | employs | employed | employing => adopt | adopts | adopted | adopting",
            "conduct | conducts | conducted | conducting => carry out | carries out | carried out | carrying out",
            "remain | remains => stay | stays",
            "fail to | fails to | failed to => struggle to | struggles to | struggled to",
            "rely on | relies on | relied on | relying on => depend on | depends on | depended on | depending on",
            "lead to | leads to | led to => result in | results in | resulted in",
            "focus on | focuses on | focused on | focusing on"
                    + " => concentrate on | concentrates on | concentrated on | concentrating on",
            "suffer from | suffers from | suffered from | suffering from"
                    + " => struggle with | struggles with | struggled with | struggling with",
            "contain | contains | contained => include | includes | included",
            "meet | meets => satisfy | satisfies",
            "emerge | emerges | emerged => arise | arises | arose",
            "derive | derives => obtain | obtains",
            "simplify | simplifies | simplified | simplifying => streamline | streamlines | streamlined | streamlining",
            "prove | proves | proved | proving => establish | establishes | established | establishing",
            // nouns
            "method | methods => approach | approaches",
            "approach | approaches => technique | techniques",
            "technique | techniques => method | methods",
            "framework | frameworks => pipeline | pipelines",
            "results => findings ! in from",
            "problem | problems => issue | issues",
            "issue | issues => problem | problems",
            "task | tasks => problem | problems",
            "limitation | limitations => drawback | drawbacks",
            "advantage | advantages => benefit | benefits",
            "goal | goals => objective | objectives",
            "ability | abilities => capability | capabilities",
            "capability | capabilities => capacity | capacities",
            "strategy | strategies => scheme | schemes",
            "component | components => module | modules",
            "module | modules => component | components",
            "dataset | datasets => data set | data sets",
            "experiments => evaluations",
            "paper => work",
            "insight | insights => finding | findings",
            "improvement | improvements => gain | gains",
            "scenario | scenarios => setting | settings",
            "setting | settings => scenario | scenarios",
            "understanding => comprehension",
            "analysis | analyses => examination | examinations",
            "way => manner",
            "calculation | calculations => computation | computations",
            "effectiveness => efficacy",
            // adjectives and adverbs
            "novel => new",
            "new => novel",
            "significant => substantial",
            "significantly => substantially",
            "considerable => notable",
            "considerably => substantially",
            "remarkable => notable",
            "remarkably => notably",
            "impressive => strong",
            "effective => powerful",
            "robust => resilient",
            "existing => current",
            "previous => prior",
            "prior => previous",
            "recent => latest",
            "various => diverse",
            "several => multiple",
            "multiple => several",
            "numerous => many",
            "many => numerous",
            "important => crucial",
            "crucial => critical",
            "critical => essential",
            "challenging => difficult",
            "difficult => hard",
            "simple => straightforward",
            "straightforward => simple",
            "complex => complicated",
            "rapid => quick",
            "comprehensive => thorough",
            "extensive => thorough",
            "superior => better",
            "state-of-the-art => leading",
            "widely => broadly",
            "commonly => frequently",
            "often => frequently",
            "however => nevertheless",
            "moreover => furthermore",
            "furthermore => moreover",
            "additionally => in addition",
            "thus => therefore",
            "therefore => thus",
            "hence => consequently",
            "specifically => in particular",
            "particularly => especially",
            "especially => particularly",
            "finally => lastly",
            "mainly => primarily",
            "primarily => mainly",
            "substantial => considerable",
            "accurate => precise",
            "accurately => precisely",
            "fundamental => basic",
            "essential => vital",
            "key => central",
            "main => principal",
            "entire => whole",
            "approximately => roughly",
            "effectively => successfully",
            "dramatically => drastically",
            "drastically => dramatically",
            "easily => readily",
            "jointly => simultaneously",
            "simultaneously => concurrently",
            "recently => lately",
            "promising => encouraging",
            "competitive => strong",
            "limited => restricted",
            "diverse => varied",
            "different => distinct",
            "similar => comparable",
            "popular => prevalent",
            "increasingly => progressively",
            "fast => quick",
            "large-scale => massive",
            "real-world => practical",
            "relevant => pertinent",
            "absent => missing",
            "available => accessible",
            "corresponding => associated",
            "efficient => cost-effective",
            "high-quality => top-quality",
            // phrases
            "in order to => to",
            "a variety of => various",
            "a large number of => many",
            "a number of => several",
            "a wide range of => diverse",
            "as well as => and",
            "due to => owing to",
            "in this paper => in this work",
            "in this work => in this paper",
            "based on => relying on",
            "is able to => can",
            "are able to => can",
            "with respect to => regarding",
            "in terms of => regarding",
            "such as => including",
            "compared to => relative to",
            "compared with => relative to",
            "for example => for instance",
            "on the other hand => conversely",
            "in particular => specifically",
            "in practice => practically",
            "to this end => for this purpose",
            "as a result => consequently",
            "instead of => rather than",
            "capable of => able to",
            "a wide variety of => many kinds of",
    };

    /** Replacement of every lower-case form. */
    private static final Map<String, String> REPLACEMENTS = new HashMap<>();

    /** Next words that rule out a form, for the few forms that have any. */
    private static final Map<String, Set<String>> UNLESS_FOLLOWED_BY = new HashMap<>();

    static {
        for (String line : TABLE) {
            String[] unless = line.split("!");
            String[] sides = unless[0].split("=>");
            List<String> forms = List.of(sides[0].strip().split("\\s*\\|\\s*"));
            List<String> replacements = List.of(sides[1].strip().split("\\s*\\|\\s*"));
            if (forms.size() != replacements.size()) {
                throw new IllegalStateException("synonym line needs as many replacements as forms: " + line);
            }
            for (int i = 0; i < forms.size(); i++) {
                if (REPLACEMENTS.put(forms.get(i), replacements.get(i)) != null) {
                    throw new IllegalStateException("synonym form listed twice: " + forms.get(i));
                }
                if (unless.length > 1) {
                    UNLESS_FOLLOWED_BY.put(forms.get(i), Set.of(unless[1].strip().split("\\s+")));
                }
            }
        }
    }

    private static final int LONGEST_FORM =
            REPLACEMENTS.keySet().stream().mapToInt(form -> form.split(" ").length).max().orElse(1);

    private Synonyms() {
    }

    /** Every form the dictionary knows, in lower case. */
    static Set<String> forms() {
        return Collections.unmodifiableSet(REPLACEMENTS.keySet());
    }

    /** How many words the longest form has ("a large number of": 4). */
    static int longestForm() {
        return LONGEST_FORM;
    }

    /** How many lines (words or phrases with their inflections) the dictionary has. */
    static int entries() {
        return TABLE.length;
    }

    /**
     * The replacement of a matched form, in the case of the match ("However" gives "Nevertheless", "SOTA"
     * style all-caps stays all-caps), or null when the form is unknown or the next word rules it out.
     *
     * @param match    the matched text, in any case
     * @param nextWord the word after the match in lower case, or "" at the end
     */
    static String replace(String match, String nextWord) {
        String form = match.toLowerCase(Locale.ROOT);
        String replacement = REPLACEMENTS.get(form);
        if (replacement == null || UNLESS_FOLLOWED_BY.getOrDefault(form, Set.of()).contains(nextWord)) {
            return null;
        }
        return Casing.like(match, replacement);
    }
}
