"""What pdflatex prints of each character through Sphinx's default preamble, found by
experiment (TeX Live 2022, as Debian and Read the Docs have it): every code point of
the Basic Multilingual Plane and the emoji planes typeset one by one, each failure
read from the log, each success read back from the PDF with pdftotext.

- ``PRINTABLE``: the characters ``inputenc`` defines (T1 and TS1 text, what Sphinx
  and ``sphinxvlmtable.sty`` declare): they print as themselves, as written.
- ``MATH``: characters the math fonts have, written as a command of LaTeX, amsmath
  or amssymb (Greek, arrows, relations, operators): each checked to print as itself.
- The rest has no glyph in pdflatex's default fonts: ``latex_chars`` writes a
  readable substitute for it (a transliteration, a look-alike, its Unicode name).
"""

# ruff: noqa: RUF001 (look-alike characters are what this table is about)

from __future__ import annotations

from sphinx_vlmtable.data import scripts

#: Code points (hexadecimal, ``A-B`` a range) pdflatex prints as written, past ASCII.
PRINTABLE_RANGES = """
00A0-0125 0128-0137 0139-013E 0141-0148 014A-0165 0168-017E 0192 01C4-01D4
01E2-01E3 01E6-01EB 01F0 01F4-01F5 0218-021B 0232-0233 0237 02C6-02C7 02D8-02D9
02DB-02DD 0E3F 1E02-1E03 1E0D 1E1E-1E21 1E25 1E30-1E31 1E37 1E43 1E45 1E47 1E5B
1E63 1E6D 1E8E-1E91 1E9E 1EF2-1EF3 200C 2010-2016 2018-201A 201C-201E 2020-2022
2026 2030-2031 2039-203B 203D 2044 204E 2052 20A1 20A4 20A6 20A9 20AB-20AC 20B1
2103 2116-2117 211E 2120 2122 2126-2127 212E 2190-2193 2212 2248 2264-2265
2329-232A 2422-2423 2500 2502 2514 251C 2572 25E6 25EF 266A 26A0 2705 2713-2714
2717-2718 274C 2796 27E8-27E9 3008-3009 FB00-FB06 FE0F FEFF 1F534 1F7E0-1F7E2
"""

#: Each character pdflatex prints in math mode, followed by its command's name.
MATH_COMMANDS = """
ΓGamma ΔDelta ΘTheta ΛLambda ΞXi ΠPi ΣSigma ΥUpsilon ΦPhi ΨPsi ΩOmega αalpha βbeta
γgamma δdelta εvarepsilon ζzeta ηeta θtheta ιiota κkappa λlambda μmu νnu ξxi πpi
ρrho ςvarsigma σsigma τtau υupsilon φvarphi χchi ψpsi ωomega ϑvartheta ϕphi ϖvarpi
ϰvarkappa ϱvarrho ϵepsilon ′prime ‵backprime ℏhslash ℑIm ℓell ℘wp ℜRe ℲFinv ℵaleph
ℶbeth ℷgimel ℸdaleth ⅁Game ↔leftrightarrow ↕updownarrow ↖nwarrow ↗nearrow ↘searrow
↙swarrow ↚nleftarrow ↛nrightarrow ↞twoheadleftarrow ↠twoheadrightarrow
↢leftarrowtail ↣rightarrowtail ↦mapsto ↩hookleftarrow ↪hookrightarrow
↫looparrowleft ↬looparrowright ↭leftrightsquigarrow ↮nleftrightarrow ↰Lsh ↱Rsh
↶curvearrowleft ↷curvearrowright ↼leftharpoonup ↽leftharpoondown ↾upharpoonright
↿upharpoonleft ⇀rightharpoonup ⇁rightharpoondown ⇂downharpoonright ⇃downharpoonleft
⇄rightleftarrows ⇆leftrightarrows ⇇leftleftarrows ⇈upuparrows ⇉rightrightarrows
⇊downdownarrows ⇋leftrightharpoons ⇌rightleftharpoons ⇍nLeftarrow ⇎nLeftrightarrow
⇏nRightarrow ⇐Leftarrow ⇑Uparrow ⇒Rightarrow ⇓Downarrow ⇔Leftrightarrow
⇕Updownarrow ⇚Lleftarrow ⇛Rrightarrow ⇝rightsquigarrow ∀forall ∁complement ∂partial
∃exists ∄nexists ∅varnothing ∇nabla ∈in ∉notin ∋ni ∏prod ∐coprod ∑sum ∓mp ∔dotplus
∖smallsetminus ∗ast ∝propto ∠angle ∡measuredangle ∢sphericalangle ∣mid ∤nmid
∥parallel ∦nparallel ∧wedge ∨vee ∩cap ∪cup ∫int ∮oint ∴therefore ∵because ∼sim
∽backsim ≀wr ≁nsim ≂eqsim ≃simeq ≇ncong ≊approxeq ≍asymp ≎Bumpeq ≏bumpeq ≐doteq
≑Doteq ≒fallingdotseq ≓risingdotseq ≖eqcirc ≗circeq ≜triangleq ≠ne ≡equiv ≦leqq
≧geqq ≨lneqq ≩gneqq ≪ll ≫gg ≬between ≮nless ≯ngtr ≰nleq ≱ngeq ≲lesssim ≳gtrsim
≶lessgtr ≷gtrless ≺prec ≻succ ≼preccurlyeq ≽succcurlyeq ≾precsim ≿succsim ⊀nprec
⊁nsucc ⊂subset ⊃supset ⊆subseteq ⊇supseteq ⊈nsubseteq ⊉nsupseteq ⊊subsetneq
⊋supsetneq ⊎uplus ⊏sqsubset ⊐sqsupset ⊑sqsubseteq ⊒sqsupseteq ⊓sqcap ⊔sqcup ⊕oplus
⊖ominus ⊗otimes ⊘oslash ⊙odot ⊚circledcirc ⊛circledast ⊝circleddash ⊞boxplus
⊟boxminus ⊠boxtimes ⊡boxdot ⊢vdash ⊣dashv ⊤top ⊥bot ⊧models ⊨vDash ⊩Vdash ⊪Vvdash
⊬nvdash ⊭nvDash ⊮nVdash ⊯nVDash ⊲vartriangleleft ⊳vartriangleright ⊴trianglelefteq
⊵trianglerighteq ⊸multimap ⊺intercal ⊻veebar ⊼barwedge ⋀bigwedge ⋁bigvee ⋂bigcap
⋃bigcup ⋅cdot ⋆star ⋇divideontimes ⋈bowtie ⋉ltimes ⋊rtimes ⋋leftthreetimes
⋌rightthreetimes ⋍backsimeq ⋎curlyvee ⋏curlywedge ⋐Subset ⋑Supset ⋒Cap ⋓Cup
⋔pitchfork ⋖lessdot ⋗gtrdot ⋘lll ⋙ggg ⋚lesseqgtr ⋛gtreqless ⋞curlyeqprec
⋟curlyeqsucc ⋨precnsim ⋩succnsim ⋬ntrianglelefteq ⋭ntrianglerighteq ⋮vdots ⋱ddots
⌈lceil ⌉rceil ⌊lfloor ⌋rfloor ⌜ulcorner ⌝urcorner ⌞llcorner ⌟lrcorner ⌢frown ⌣smile
△bigtriangleup ▴blacktriangle ▵vartriangle ▶blacktriangleright ▽bigtriangledown
▾blacktriangledown ▿triangledown ◀blacktriangleleft ★bigstar ♠spadesuit ♡heartsuit
♢diamondsuit ♣clubsuit ♭flat ♮natural ♯sharp ✠maltese ⟂perp ⟵longleftarrow
⟶longrightarrow ⟷longleftrightarrow ⟸Longleftarrow ⟹Longrightarrow √surd ∘circ
⟺Longleftrightarrow ⟼longmapsto ∙bullet ⋯cdots
"""

#: The long s, in the text font's TS1 encoding where the font has it (TeX Gyre does;
#: ``sphinxvlmtable.sty``).
LONG_S = r"\sphinxvlmtablelongs{}"

#: Combining marks with an accent command of LaTeX, which sets them on any letter.
ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0306": "u",
    "\u0307": ".",
    "\u0308": '"',
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0328": "k",
    "\u0331": "b",
}

#: Cyrillic letters in the scientific transliteration (``data/scripts.py``: the
#: importer spells keys with it too).
CYRILLIC = scripts.CYRILLIC

#: Greek capitals (and omicron) with the shape of a Latin letter: no math command.
GREEK_LOOKALIKES = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΧο", "ABEZHIKMNOPTXo", strict=True))

#: Box drawing as ASCII: lines and their joints.
BOX_MARKS = {"─": "-", "━": "-", "═": "=", "│": "|", "┃": "|", "║": "|"}

#: A script's name as a reader knows it, from the first word of its letters' names.
SCRIPT_NAMES = {"CJK": "CJK", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}

#: Letters NFKD does not take apart, as the ASCII an index sorts them by.
ASCII_LETTERS = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Æ": "AE", "æ": "ae"}
    | {"Œ": "OE", "œ": "oe", "ß": "ss", "Þ": "Th", "þ": "th", "ı": "i"}
)
