// The Markdown tables printed after a run (and pasted into the README).
import type { BenchResults, Skipped } from './results';

const fmtUs = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
const isSkipped = (x: object): x is Skipped => 'skipped' in x;

export function markdownTables(r: BenchResults): string {
  const rows: string[][] = [];
  if (r.nlu) {
    const { ours, nlpjs } = r.nlu;
    rows.push([`NLU accuracy (held-out, ${r.nlu.heldout_examples} messages)`, String(ours.accuracy), String(nlpjs.accuracy)]);
    rows.push(['out-of-scope rejected', String(ours.out_of_scope_rejection), String(nlpjs.out_of_scope_rejection)]);
    rows.push(['in-scope wrongly rejected', String(ours.in_scope_false_rejection), String(nlpjs.in_scope_false_rejection)]);
    rows.push(['classify p50', fmtUs(ours.p50_us), fmtUs(nlpjs.p50_us)]);
    rows.push(['classify p99', fmtUs(ours.p99_us), fmtUs(nlpjs.p99_us)]);
    rows.push(['NLP.js full `nlp.process` p50 / p99', '—', `${fmtUs(nlpjs.process_p50_us)} / ${fmtUs(nlpjs.process_p99_us)}`]);
    rows.push(['speed ratio (NLP.js p50 / ours)', `${r.nlu.speed_ratio}×`, '1×']);
    if (r.nlu.real_style) {
      const rs = r.nlu.real_style;
      rows.push([`NLU accuracy (real-style, ${rs.examples} messages)`, String(rs.ours_accuracy), String(rs.nlpjs_accuracy)]);
      rows.push(['real-style out-of-scope traps rejected', String(rs.ours_trap_rejection), String(rs.nlpjs_trap_rejection)]);
      rows.push(['classify p50, real-style messages', fmtUs(rs.ours_p50_us), fmtUs(rs.nlpjs_p50_us)]);
      rows.push(['speed ratio on real-style messages', `${rs.speed_ratio}×`, '1×']);
    }
    rows.push(['training time', `${ours.train_ms} ms`, `${nlpjs.train_ms} ms`]);
    if (r.nlu.languages) {
      const l = r.nlu.languages;
      rows.push([`Chinese accuracy (zh real-style, ${l.zh_examples} messages)`, String(l.zh_accuracy), '—']);
      rows.push(['classify p50, Chinese / English real-style', `${fmtUs(l.zh_classify_p50_us)} / ${fmtUs(l.en_classify_p50_us)}`, '—']);
      rows.push(['language detector: en set read as en / zh set as zh', `${l.detector_en} / ${l.detector_zh}`, '—']);
    }
  }
  const lines = ['| NLU, same corpus and held-out set | ours | NLP.js |', '|---|---:|---:|', ...rows.map((c) => `| ${c.join(' | ')} |`)];

  const sys: string[][] = [];
  if (r.turn) {
    sys.push(['full turn p50 / p99', `${fmtUs(r.turn.p50_us)} / ${fmtUs(r.turn.p99_us)}`]);
    sys.push(['full turns per second (one core)', String(r.turn.per_second)]);
  }
  if (r.startup) {
    sys.push(['ready, saved model (warm)', `${r.startup.warm_ms} ms`]);
    sys.push(['ready, training at start (cold)', `${r.startup.cold_ms} ms`]);
  }
  if (!isSkipped(r.http.web)) sys.push(['HTTP server listening (startBot, all channels)', `${r.http.web.server_ready_ms} ms`]);
  if (r.rss_mb) {
    sys.push(['RSS idle', `${r.rss_mb.idle} MB`]);
    sys.push([`RSS with ${r.rss_mb.conversations.toLocaleString('en-US')} conversations`, `${r.rss_mb.sessions_10k} MB`]);
  }
  const slack = r.http.slack;
  if (isSkipped(slack)) sys.push(['Slack signed event → 200', `skipped: ${slack.skipped}`]);
  else {
    sys.push(['Slack signed event → 200, p50 / p99', `${fmtUs(slack.p50_us)} / ${fmtUs(slack.p99_us)}`]);
    sys.push(['Slack event → reply posted, p50 / p99', `${slack.reply_p50_ms} ms / ${slack.reply_p99_ms} ms (${slack.replies}/${slack.events} replied)`]);
  }
  const web = r.http.web;
  if (isSkipped(web)) sys.push(['web chat message → reply', `skipped: ${web.skipped}`]);
  else {
    sys.push(['web chat message → reply, p50 / p99', `${fmtUs(web.p50_us)} / ${fmtUs(web.p99_us)}`]);
    sys.push([`web chat sustained (${web.visitors} sockets)`, `${web.per_second} msgs/s`]);
  }
  lines.push('', '| Bot | measured |', '|---|---:|', ...sys.map((c) => `| ${c.join(' | ')} |`));

  if (r.store) {
    const { sqlite, log } = r.store;
    lines.push('', `| Session store (${r.store.value_bytes}-byte conversation values) | SQLite (default) | old JSON-lines log |`, '|---|---:|---:|');
    lines.push(`| writes per second (awaited one by one) | ${sqlite.writes_per_s.toLocaleString('en-US')} | ${log.writes_per_s.toLocaleString('en-US')} |`);
    lines.push(`| reads per second | ${sqlite.reads_per_s.toLocaleString('en-US')} | ${log.reads_per_s.toLocaleString('en-US')} |`);
    lines.push(
      `| start-up with ${r.store.conversations.toLocaleString('en-US')} conversations (open + first read) | ${sqlite.startup_100k_ms} ms | ${log.startup_100k_ms} ms |`,
    );
    lines.push(`| RSS after that start-up | ${sqlite.startup_100k_rss_mb} MB | ${log.startup_100k_rss_mb} MB |`);
    lines.push(`| files on disk | ${sqlite.file_100k_mb} MB | ${log.file_100k_mb} MB |`);
  }

  lines.push('', '| Target | measured | met |', '|---|---:|:---:|');
  for (const t of r.targets) lines.push(`| ${t.target} | ${t.measured} | ${t.met === null ? '—' : t.met ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}
