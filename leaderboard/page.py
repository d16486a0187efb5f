"""The leaderboard as one static HTML page: a tab per task, sortable tables, per-cell bar charts,
submission metadata. Every user-supplied string is escaped; the page needs no server."""

from __future__ import annotations

import html
import json

STYLE = """
body{font-family:system-ui,'Lohit Devanagari','Lohit Bengali',sans-serif;margin:2rem;color:#222}
nav button{margin-right:.3rem;padding:.4rem .8rem;border:1px solid #888;background:#f4f4f4;cursor:pointer}
nav button.active{background:#234;color:#fff}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
th{background:#eef;cursor:pointer;user-select:none}th[data-dir=asc]::after{content:' \\25B2'}th[data-dir=desc]::after{content:' \\25BC'}
td.num{text-align:right;font-variant-numeric:tabular-nums}.missing{color:#999}
section{display:none}section.active{display:block}.chart{display:inline-block;margin:0 1.5rem 1rem 0;vertical-align:top}
.note{color:#555;font-size:.9rem}
details{margin:.5rem 0}summary{cursor:pointer;color:#234}
"""

SCRIPT = """
function show(id){document.querySelectorAll('section').forEach(s=>s.classList.toggle('active',s.id===id));
 document.querySelectorAll('nav button').forEach(b=>b.classList.toggle('active',b.dataset.tab===id));}
document.querySelectorAll('nav button').forEach(b=>b.addEventListener('click',()=>show(b.dataset.tab)));
document.querySelectorAll('table.sortable th').forEach(th=>th.addEventListener('click',()=>{
 const i=th.cellIndex,table=th.closest('table'),body=table.tBodies[0],rows=Array.from(body.rows);
 const dir=th.dataset.dir==='desc'?'asc':'desc';table.querySelectorAll('th').forEach(h=>delete h.dataset.dir);th.dataset.dir=dir;
 const value=r=>{const c=r.cells[i];const v=c.dataset.value;return v===undefined?c.textContent:(v===''?null:parseFloat(v));};
 rows.sort((a,b)=>{const x=value(a),y=value(b);if(x===null)return 1;if(y===null)return -1;
  const o=typeof x==='number'?x-y:String(x).localeCompare(String(y));return dir==='asc'?o:-o;});
 rows.forEach(r=>body.appendChild(r));}));
const kindFilter=document.getElementById('kind-filter');
if(kindFilter)kindFilter.addEventListener('change',()=>document.querySelectorAll('tr[data-kind]').forEach(
 r=>{r.style.display=(kindFilter.value===''||r.dataset.kind.split(' ')[0]===kindFilter.value||r.dataset.kind===kindFilter.value)?'':'none';}));
show(document.querySelector('nav button').dataset.tab);
"""


def e(value) -> str:
    """HTML-escape anything (quotes too, so attributes are safe)."""
    return html.escape(str(value), quote=True)


def render_page(results: dict) -> str:
    tasks = results["tasks"]
    tabs = ["overview"] + list(tasks)
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<meta name='viewport' content='width=device-width, initial-scale=1'>",
             "<title>codemix leaderboard</title><style>", STYLE, "</style></head><body>",
             "<h1>codemix leaderboard</h1>",
             f"<p class='note'>{len(results['submissions'])} submissions, {len(results['cells'])} test cells. Each cell is "
             "ranked by its task's main score; a task mean only for submissions covering all the task's cells, the overall "
             "mean (of task means) only for complete submissions.</p>",
             "<nav>" + "".join(f"<button data-tab='{e(t)}'>{e(t)}</button>" for t in tabs) + "</nav>",
             _kind_filter(results),
             _overview(results)]
    for task, info in tasks.items():
        parts.append(_task_section(task, info, results))
    parts.append(_submissions(results))
    # JSON inside <script>: escape <, > and & so no user string can close the block or open a tag
    payload = (json.dumps(results, ensure_ascii=False, default=str)
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    parts += [f"<script type='application/json' id='results'>{payload}</script>", "<script>", SCRIPT, "</script></body></html>"]
    return "\n".join(parts)


def _overview(results) -> str:
    rows = "".join(f"<tr><td class='num' data-value='{o['rank']}'>{o['rank']}</td><td>{e(o['team'])}</td>"
                   f"<td>{e(o['system'])}</td><td class='num' data-value='{o['mean']}'>{o['mean']:.4f}</td></tr>"
                   for o in results["overall"])
    table = ("<table class='sortable' id='table-overview'><thead><tr><th>rank</th><th>team</th><th>system</th>"
             f"<th>overall mean</th></tr></thead><tbody>{rows}</tbody></table>") if rows else \
        "<p class='note'>No submission covers every cell yet, so there is no overall ranking.</p>"
    return f"<section id='overview'><h2>Overall</h2>{table}</section>"


def _task_section(task, info, results) -> str:
    cells = {c["corpus"]: c for c in results["cells"] if c["task"] == task}
    corpora = info["corpora"]
    mean = {m["submission_id"]: m for m in info["means"]}
    main = {(entry["submission_id"], corpus): entry["main"] for corpus in corpora for entry in cells[corpus]["ranking"]}
    # rows start in rank order (complete submissions by task mean, then the rest by id)
    submitted = sorted({sid for sid, _ in main}, key=lambda sid: (mean[sid]["rank"] if sid in mean else 10**9, sid))
    by_id = {s["id"]: s for s in results["submissions"]}
    metric = cells[corpora[0]]["main_score"] if corpora else ""
    head = "".join(f"<th>{e(c)}</th>" for c in corpora)
    rows = []
    for sid in submitted:
        cells_html = "".join(
            f"<td class='num' data-value='{main[(sid, c)]}'>{main[(sid, c)]:.4f}</td>" if (sid, c) in main
            else "<td class='num missing' data-value=''>-</td>" for c in corpora)
        m = mean.get(sid)
        mean_html = (f"<td class='num' data-value='{m['mean']}'>{m['mean']:.4f}</td>" if m
                     else "<td class='num missing' data-value='' title='not every cell submitted'>-</td>")
        rank_html = f"<td class='num' data-value='{m['rank']}'>{m['rank']}</td>" if m else "<td class='num missing' data-value=''>-</td>"
        kind = by_id[sid].get("kind", "unstated")
        rows.append(f"<tr data-kind='{e(kind)}'>{rank_html}<td>{e(by_id[sid]['team'])}</td><td>{e(by_id[sid]['system'])}</td>"
                    f"<td>{e(kind)}</td>{cells_html}{mean_html}</tr>")
    table = (f"<table class='sortable' id='table-{e(task)}'><thead><tr><th>rank</th><th>team</th><th>system</th><th>kind</th>"
             f"{head}<th>task mean</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    charts = "".join(_chart(cells[c]) for c in corpora)
    slices = "".join(_slices(cells[c]) for c in corpora)
    return (f"<section id='{e(task)}'><h2>{e(task)} <span class='note'>(main score: {e(metric)})</span></h2>"
            f"{table}<h3>Per cell</h3>{charts}{slices}</section>")


def _kind_filter(results) -> str:
    kinds = sorted({s.get("kind", "unstated").split(" ")[0] for s in results["submissions"]})
    options = "".join(f"<option value='{e(k)}'>{e(k)}</option>" for k in kinds)
    return (f"<p><label>model kind: <select id='kind-filter'><option value=''>all</option>{options}</select></label> "
            "<span class='note'>classical baselines, fine-tuned encoders, prompted LLMs (k-shot)</span></p>")


def _slices(cell) -> str:
    """The main score by how mixed the text is (CMI bucket, script, matrix language), from the gold records."""
    ranked = [entry for entry in cell["ranking"] if entry.get("slices")]
    if not ranked:
        return ""
    dimensions = [d for d in ("cmi", "script", "matrix_language") if any(d in entry["slices"] for entry in ranked)]
    parts = []
    for dimension in dimensions:
        values = list(dict.fromkeys(v for entry in ranked for v in entry["slices"].get(dimension, {})))
        items = {v: next(entry["slices"][dimension][v]["items"] for entry in ranked if v in entry["slices"].get(dimension, {}))
                 for v in values}
        head = "".join(f"<th>{e(v)} <span class='note'>({items[v]:,})</span></th>" for v in values)
        rows = "".join(
            f"<tr data-kind='{e(entry.get('kind', 'unstated'))}'><td>{e(entry['team'])} / {e(entry['system'])}</td>" + "".join(
                f"<td class='num' data-value='{entry['slices'][dimension][v]['main']}'>{entry['slices'][dimension][v]['main']:.3f}</td>"
                if v in entry["slices"].get(dimension, {}) else "<td class='num missing' data-value=''>-</td>" for v in values)
            + "</tr>" for entry in ranked)
        parts.append(f"<table class='sortable'><thead><tr><th>{e(dimension.replace('_', ' '))}</th>{head}</tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    return (f"<details id='slices-{e(cell['task'])}-{e(cell['corpus'])}'><summary>{e(cell['corpus'])}: "
            f"{e(cell['main_score'])} by how mixed the text is (items per slice in brackets)</summary>{''.join(parts)}</details>")


def _chart(cell) -> str:
    ranking = cell["ranking"][:12]
    width, bar = 420, 18
    height = bar * len(ranking) + 30
    bars = []
    for index, entry in enumerate(ranking):
        y = 20 + index * bar
        length = max(1, int(entry["main"] * (width - 210)))
        label = f"{entry['rank']}. {entry['team']} / {entry['system']}"
        bars.append(f"<text x='0' y='{y + 12}' font-size='11'>{e(label[:28])}</text>"
                    f"<rect x='160' y='{y + 2}' width='{length}' height='{bar - 5}' fill='#4a7ab5'><title>{e(label)}: "
                    f"{entry['main']:.4f}</title></rect><text x='{165 + length}' y='{y + 12}' font-size='10'>{entry['main']:.3f}</text>")
    return (f"<div class='chart'><svg width='{width}' height='{height}' role='img' aria-label='{e(cell['corpus'])}'>"
            f"<text x='0' y='12' font-weight='bold' font-size='12'>{e(cell['corpus'])} ({e(cell['main_score'])}, "
            f"{cell['items']:,} items)</text>{''.join(bars)}</svg></div>")


def _submissions(results) -> str:
    rows = []
    for s in results["submissions"]:
        config = s["meta"].get("config")
        rows.append(f"<tr><td class='num' data-value='{s['id']}'>{s['id']}</td><td>{e(s['team'])}</td><td>{e(s['system'])}</td>"
                    f"<td>{e(s['description'])}</td><td>{e(json.dumps(s['external_data']))}</td><td>{e(s['created'])}</td>"
                    f"<td><code>{e(json.dumps(config, ensure_ascii=False)[:300]) if config is not None else ''}</code></td></tr>")
    return ("<section id='submissions-meta' class='active' style='display:block'><h2>Submissions</h2>"
            "<table class='sortable' id='table-submissions'><thead><tr><th>#</th><th>team</th><th>system</th><th>description</th>"
            f"<th>external data</th><th>date</th><th>config</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>")
