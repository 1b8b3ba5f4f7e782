"""Write the example notebooks from source, and (with ``--execute``) run them and save their outputs.

    python notebooks/build.py             # write 01-03 *.ipynb (no outputs)
    python notebooks/build.py --execute   # write, run top to bottom with nbclient, save outputs and plots
    python notebooks/build.py --execute 03   # one notebook (01, 01-quickstart or 01-quickstart.ipynb)

Notebooks are generated rather than edited by hand so that a change here is a reviewable diff and
every notebook is rebuilt the same way; ``tests/test_notebooks.py`` runs them in CI. They need no
network: the articles are the bundled corpus and the invented reports in ``notebooks/data/``.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
log = logging.getLogger("notebooks.build")

SETUP = """\
import logging, warnings
import pandas as pd
import matplotlib
matplotlib.use("Agg")  # no display needed; figures are still shown inline below
import matplotlib.pyplot as plt
%matplotlib inline
pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)
logging.basicConfig(level=logging.WARNING)
warnings.filterwarnings("ignore", category=FutureWarning)"""


def quickstart() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(
            "# 01 · Quickstart: one article in, structured facts out\n\n"
            "`vnparty_nlp.analyze` turns the text of a Vietnamese Communist Party news report into a `Record`: "
            "its metadata and the facts found in it (cited documents, dates, counts, shortcomings, people, "
            "organizations, congresses), each with the exact span of text it came from. This notebook analyzes "
            "one of the real articles bundled with the library (a report from Điện Biên on pilot party "
            "congresses, 2020)."),
        new_code_cell(SETUP),
        new_code_cell(
            "from vnparty_nlp import analyze\n"
            "from vnparty_nlp.corpus import iter_corpus\n\n"
            "articles = {a.path.stem: a for a in iter_corpus()}\n"
            "article = articles['dien-bien-dai-hoi-diem-2020']\n"
            "# source: the file's name, not where the package happens to be installed\n"
            "record = analyze(article.text, **{**article.analyze_kwargs, 'source': article.path.name})\n"
            "print(record.title, '|', record.published, '|', record.author)\n"
            "print(len(article.text), 'characters collected;', len(record.text), 'kept after cutting the page furniture')"),
        new_markdown_cell("## How many facts of each kind?"),
        new_code_cell("counts = pd.Series({kind: len(facts) for kind, facts in record.facts.items()}, name='facts')\n"
                      "counts"),
        new_code_cell("ax = counts.sort_values().plot.barh(title='Facts in the Điện Biên report', color='#1f77b4')\n"
                      "ax.set_xlabel('facts');"),
        new_markdown_cell(
            "## Facts as a table\n\nEach fact keeps its text, its offsets into `record.text` and its normalized "
            "values: ISO dates, numbers, document type, number, code and issuer."),
        new_code_cell("frame = record.facts_frame().drop(columns=['article_source', 'article_title', 'article_published'])\nframe[frame.fact_type == 'documents'].dropna(axis=1, how='all')"),
        new_code_cell("frame[frame.fact_type.isin(['dates', 'counts'])].dropna(axis=1, how='all').head(12)"),
        new_markdown_cell("Every span indexes the record's text, whatever Unicode form or page furniture came in:"),
        new_code_cell(
            "assert all(record.text[f.start:f.stop] == f.text for f in record.all_facts())\n"
            "doc = record.documents[1]\n"
            "doc, record.text[doc.start:doc.stop], doc.key"),
        new_markdown_cell("## Shortcomings the report admits\n\nThe rule extractor splits the list announced by "
                          "*\"còn bộc lộ một số hạn chế, như:\"* into its items:"),
        new_code_cell("for s in record.shortcomings:\n    print(f'[{s.how}] {s.text}')"),
        new_markdown_cell("## The facts in place\n\nHover a highlight for its values."),
        new_code_cell(
            "from IPython.display import HTML\n"
            "from vnparty_nlp.analysis.highlight import highlight_html\n\n"
            "HTML(highlight_html(record))"),
        new_markdown_cell(
            "## A second opinion on prose shortcomings (opt-in)\n\n"
            "`analyze` uses rules only. `vnparty_nlp.analysis.classifier` adds a scikit-learn classifier, trained "
            "on first use from ~500 labelled sentences shipped with the package, that looks at the cue-bearing "
            "sentences the rules left (not announced by a list intro, not a remedy or plan). Here it is run on "
            "a short invented report: the rules take the announced list, the classifier the plain admission, "
            "and neither the achievement with *không* nor the remedy."),
        new_code_cell(
            "from vnparty_nlp.analysis.classifier import candidates, with_classifier\n\n"
            "text = ('Năm 2020, Đảng bộ xã Nà Tấu đã lãnh đạo hoàn thành các chỉ tiêu chủ yếu. '\n"
            "        'Công tác kết nạp đảng viên ở các bản vùng cao còn chậm, nhiều bản chưa có chi bộ. '\n"
            "        'Sau đại hội không có đơn thư khiếu nại, tố cáo. '\n"
            "        'Để khắc phục những hạn chế trên, Đảng ủy đã ban hành kế hoạch cụ thể. '\n"
            "        'Tuy nhiên, công tác tổ chức còn bộc lộ một số hạn chế, như: hồ sơ nhân sự còn thiếu; số dư còn thấp.')\n"
            "small = analyze(text, source='na-tau.txt')\n"
            "pd.DataFrame(candidates(small))[['text', 'reason', 'proba', 'accepted']]"),
        new_code_cell("[(s.how, s.text) for s in with_classifier(small).shortcomings]"),
        new_markdown_cell("## The record as JSON (the format `vnparty extract` prints)"),
        new_code_cell("print(record.to_json()[:600], '…')"),
    ]
    return new_notebook(cells=cells)


def archive() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(
            "# 02 · An archive: store, search and filter a collection\n\n"
            "`vnparty_nlp.archive.Archive` keeps analyzed articles and their facts in one SQLite file with a "
            "full-text index. This notebook builds one in a temporary folder from the 52 real articles bundled "
            "with the package and the ten invented provincial reports in `notebooks/data/` (realistic but not "
            "real articles), then searches it with and without Vietnamese accents and filters it by cited "
            "directive."),
        new_code_cell(SETUP),
        new_code_cell(
            "import tempfile\n"
            "from pathlib import Path\n"
            "from vnparty_nlp import analyze\n"
            "from vnparty_nlp.archive import Archive\n"
            "from vnparty_nlp.corpus import iter_corpus\n\n"
            "articles = list(iter_corpus()) + list(iter_corpus(Path('data')))\n"
            "# the sidecar's province goes with the record; the archive would otherwise guess it from the text\n"
            "records = [{**analyze(a.text, **{**a.analyze_kwargs, 'source': a.path.name}).to_dict(),\n"
            "            'province': a.meta.get('province')} for a in articles]\n"
            "folder = tempfile.TemporaryDirectory()\n"
            "arch = Archive(Path(folder.name) / 'archive.sqlite')\n"
            "report = arch.add(records)\n"
            "print(report.added, 'articles added;', len(arch), 'in the archive')"),
        new_markdown_cell("## Search with accents…"),
        new_code_cell("arch.search('đại hội điểm', limit=6, frame=True)[['title', 'province', 'snippet']]"),
        new_markdown_cell("## …and without: a word typed without accents matches the folded text"),
        new_code_cell("arch.search('dai hoi diem', limit=6, frame=True)[['title', 'province', 'snippet']]"),
        new_code_cell(
            "# the same articles either way\n"
            "[h.title for h in arch.search('tuyên truyền')] == [h.title for h in arch.search('tuyen truyen')]"),
        new_markdown_cell("## Filter by cited directive\n\nWhich articles cite Chỉ thị 35-CT/TW of the Politburo "
                          "(the directive on the 2020 congress season), and which of them talk about personnel?"),
        new_code_cell("arch.search(cites='35-CT/TW', frame=True)[['title', 'province', 'published']]"),
        new_code_cell("arch.search('nhân sự', cites='35-CT/TW', frame=True)[['title', 'province', 'snippet']]"),
        new_code_cell("arch.facts('documents', cites='26-HD/BTCTW')[['article_title', 'text', 'date', 'issuer']]"),
        new_markdown_cell("## Facets: documents, provinces, shortcomings"),
        new_code_cell("arch.top_documents(8)"),
        new_code_cell("arch.shortcomings_by('province')"),
        new_code_cell("years = arch.facet('year').dropna().sort_values('year')\n"
                      "ax = years.plot.bar(x='year', y='articles', legend=False, color='#1f77b4',\n"
                      "                    title='Articles in the archive per year of publication')\n"
                      "ax.set_ylabel('articles');"),
        new_markdown_cell("The archive gives records back, so everything in notebook 03 works on it too:"),
        new_code_cell(
            "from vnparty_nlp.analysis import most_cited\n"
            "most_cited([record for _, record in arch.iter_records()], n=5)"),
        new_code_cell("arch.close()\nfolder.cleanup()"),
    ]
    return new_notebook(cells=cells)


def themes_and_citations() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(
            "# 03 · Shortcoming themes, most cited documents, a timeline\n\n"
            "Collection-level questions on 62 reports: the 52 real articles bundled with the package and ten "
            "invented provincial reports in `notebooks/data/` (their `.meta.json` sidecars give site, date, "
            "author and province). `vnparty_nlp.analysis` answers with DataFrames; `vnparty_nlp.analysis.plots` draws them."),
        new_code_cell(SETUP),
        new_code_cell(
            "from pathlib import Path\n"
            "from vnparty_nlp.analysis import (citation_table, load_collection, most_cited, shortcoming_themes,\n"
            "                                  themes_by_province, timeline)\n"
            "from vnparty_nlp.analysis import plots\n\n"
            "records = load_collection()  # the 52 real articles bundled with the package\n"
            "records += load_collection(Path('data'))\n"
            "len(records), sum(len(r.shortcomings) for r in records)"),
        new_markdown_cell("## Who cites what\n\nOne row per citation, the citing article beside the document:"),
        new_code_cell("table = citation_table(records, coded_only=True)\n"
                      "table.assign(source=table.source.map(lambda s: Path(s).stem))"
                      "[['source', 'key', 'type', 'issuer', 'date']].head(12)"),
        new_markdown_cell("## The most cited documents\n\nRanked by the number of articles citing them, so one long "
                          "report that repeats a directive does not outweigh the collection."),
        new_code_cell("ranked = most_cited(records, n=10)\nranked"),
        new_code_cell("plots.citations_per_document(ranked);"),
        new_markdown_cell("## A timeline of congresses, documents and events\n\nDates are labelled by what they "
                          "date: a cited document (its issue date), a congress (dated by its sentence) or another event."),
        new_code_cell("events = timeline(records)\nevents[['date', 'precision', 'kind', 'label']].tail(15)"),
        new_code_cell("plots.timeline_plot(events);"),
        new_code_cell("plots.events_per_month(events);"),
        new_markdown_cell(
            "## What the shortcomings are about\n\nNMF over TF-IDF of the shortcomings' words (underthesea "
            "tokens; the cue words every shortcoming shares, *còn, chưa, hạn chế…*, are stop words). Each theme "
            "is named by its top words. With some sixty short texts, themes are a first sorting, not a coding "
            "scheme: read the texts behind them. The seed is fixed (`random_state=0`) and the fit runs on one "
            "BLAS thread, so the themes are the same on every run and machine."),
        new_code_cell("themes = shortcoming_themes(records, n_themes=5, n_top_words=4, random_state=0)\n"
                      "pd.Series(themes.theme_label.value_counts(), name='shortcomings')"),
        new_code_cell("themes.sort_values(['theme', 'weight'], ascending=[True, False])"
                      ".groupby('theme').head(2)[['province', 'theme_label', 'weight', 'text']]"),
        new_code_cell("themes_by_province(themes)"),
        new_code_cell("plots.themes_per_province(themes);"),
        new_markdown_cell(
            "## Prose shortcomings the rules leave: the classifier's second opinion\n\n"
            "Several reports admit a problem in a sentence of its own, after the announced list. The rules only "
            "take what an announcement introduces; the opt-in classifier adds these:"),
        new_code_cell(
            "from vnparty_nlp.analysis.classifier import classifier_shortcomings\n\n"
            "pd.DataFrame([(Path(r.source).stem, s.text) for r in records for s in classifier_shortcomings(r)],\n"
            "             columns=['source', 'added by the classifier'])"),
    ]
    return new_notebook(cells=cells)


def cascade() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(
            "# 04 · The implementation cascade: which province implemented what, and how fast\n\n"
            "Reports open with the documents they carry out: *\"Thực hiện Chỉ thị số 35-CT/TW …; Hướng dẫn số "
            "26-HD/BTCTW …; Kế hoạch số 79-KH/TU … của BCH Tỉnh ủy Điện Biên, Tỉnh ủy Điện Biên đã …\"*. The "
            "`implements` extractor turns that phrasing into relations (who implements, applies or is based on "
            "what), resolves each document through a registry of central documents, and `cascade` follows a "
            "central document down to the provinces, districts and communes that acted on it."),
        new_code_cell(SETUP),
        new_markdown_cell(
            "## One identity per document\n\nNumbers restart with each Central Committee term: there is a "
            "`35-CT/TW` of 2019 (for the XIII Congress) and one of 2024 (for the XIV). A citation is resolved by "
            "its own date, the congress its sentence names, or the article's date; otherwise it is *ambiguous*."),
        new_code_cell(
            "from vnparty_nlp import default_registry\n\n"
            "registry = default_registry()\n"
            "cases = [('Chỉ thị số 35-CT/TW ngày 30-5-2019', None), ('35- CT/ TW', '2025-03-01'),\n"
            "         ('Chỉ thị 35 của Bộ Chính trị về đại hội tiến tới Đại hội đại biểu toàn quốc lần thứ XIV', None),\n"
            "         ('Chỉ thị số 35 của Bộ Chính trị', None), ('Kết luận số 999-KL/TW', None),\n"
            "         ('Kế hoạch số 79-KH/TU ngày 14-8-2019 của BCH Tỉnh ủy Điện Biên', None)]\n"
            "pd.DataFrame([(c, d, (r := registry.resolve(c, article_date=d)).status, r.identity) for c, d in cases],\n"
            "             columns=['citation', 'article date', 'status', 'identity'])"),
        new_markdown_cell("## Relations in twelve reports\n\nThe two bundled real articles and the ten invented "
                          "provincial reports of `notebooks/data/`, one row per relation:"),
        new_code_cell(
            "from pathlib import Path\n"
            "from vnparty_nlp.analysis import cascade, delays_by_province, implementation_table, load_collection\n"
            "from vnparty_nlp.analysis import plots\n\n"
            "records = load_collection() + load_collection(Path('data'))\n"
            "table = implementation_table(records)\n"
            "table[['province', 'implementer_key', 'body', 'relation', 'target', 'target_status']].head(12)"),
        new_markdown_cell("## The cascade of Chỉ thị 35-CT/TW\n\nA DataFrame (one row per relation reached, "
                          "with the delay in days from the directive) and a networkx graph:"),
        new_code_cell(
            "frame, graph = cascade('35-CT/TW', records)\n"
            "print(graph.number_of_nodes(), 'nodes,', graph.number_of_edges(), 'edges')\n"
            "frame[['depth', 'province', 'key', 'date', 'delay_days', 'reported_delay_days', 'implements']]"),
        new_code_cell("delays_by_province(frame)"),
        new_markdown_cell("## Delays per province\n\nFilled dots: the province's own implementing document "
                          "(its issue date); hollow dots: a report of a body acting (the article's date, an upper bound)."),
        new_code_cell("plots.cascade_delays(frame);"),
        new_markdown_cell("## The tree\n\nImplementers point at what they implement; the directive is the sink."),
        new_code_cell(
            "import networkx as nx\n\n"
            "fig, ax = plt.subplots(figsize=(9, 6), layout='constrained')\n"
            "labels = {n: (d.get('key') or n.split(':')[-1].split('@')[0])[:28] for n, d in graph.nodes(data=True)}\n"
            "nx.draw_networkx(nx.DiGraph(graph), pos=nx.spring_layout(graph, seed=4), labels=labels, ax=ax,\n"
            "                 node_color='#f4cccc', font_size=8, arrowsize=12)\n"
            "ax.set_axis_off()"),
    ]
    return new_notebook(cells=cells)


NOTEBOOKS = {
    "01-quickstart.ipynb": quickstart,
    "02-archive.ipynb": archive,
    "03-themes-and-citations.ipynb": themes_and_citations,
    "04-cascade.ipynb": cascade,
}


def resolve_name(name: str) -> str:
    """``01``, ``01-quickstart``, ``01-quickstart.ipynb`` or ``notebooks/01-quickstart.ipynb`` → the file name."""
    stem = Path(name).name.removesuffix(".ipynb")
    found = [n for n in NOTEBOOKS if n.removesuffix(".ipynb") == stem or n.split("-", 1)[0] == stem]
    if len(found) != 1:
        raise ValueError(f"no notebook {name!r}; choose from {', '.join(NOTEBOOKS)}")
    return found[0]


def build(name: str) -> nbformat.NotebookNode:
    nb = NOTEBOOKS[name]()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Run ``nb`` top to bottom in a fresh python3 kernel with ``cwd`` as working directory."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--execute", action="store_true", help="run each notebook and save its outputs")
    ap.add_argument("names", nargs="*", help="notebooks to build (default: all)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        names = [resolve_name(n) for n in args.names] or list(NOTEBOOKS)
    except ValueError as err:
        ap.error(str(err))
    for name in names:
        nb = build(name)
        if args.execute:
            log.info("executing %s", name)
            execute(nb, HERE)
            for cell in nb.cells:  # stable files: no run-dependent metadata
                cell.get("metadata", {}).pop("execution", None)
        nbformat.write(nb, HERE / name)
        log.info("wrote %s", HERE / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
