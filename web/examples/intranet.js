// The intranet page's own script: both ways of using the checker.
//  1. The API: the approval form's own fields become a scenario, and evaluate() gives the
//     verdict as the form is filled (no server: the engine runs in this browser).
//  2. The element: <xborder-checker> in the sidebar fires `xborder-verdict` whenever its verdict
//     changes; the approval record shows the pathway and keeps the scenario and verdict as JSON.
import { ready, evaluate, catalogue } from '../embed.js';

const $ = (id) => document.getElementById(id);
const PATHWAY = {
  security_assessment: '数据出境安全评估 · Security assessment',
  standard_contract_or_certification: '标准合同备案或个人信息保护认证 · Standard contract or certification',
  other_lawful_pathway: '其他合法合规路径 · Another lawful pathway',
  export_control: '出口管制 · Export control',
  national_core_data: '国家核心数据 · National core data',
  exempt: '无需申报、备案或认证 · Exempt',
};

/** A count as typed ("30,000", "3万"), or an error naming the field. */
function count(id, label) {
  const raw = $(id).value.replace(/[,，\s]/g, '');
  const m = /^(\d+(?:\.\d+)?)(万)?$/.exec(raw || '0');
  const n = m ? Math.round(Number(m[1]) * (m[2] ? 10000 : 1)) : NaN;
  if (!Number.isSafeInteger(n)) throw new Error(`${label}: 请输入人数 · enter a number of persons`);
  return n;
}

/** The scenario (contract shape) this form describes. */
function scenarioFromForm() {
  const pi = [
    { scenario: 'clinical-trials', group: 'subjects', n: count('f-subjects', '受试者人数 Trial subjects'), sensitive: true },
    { scenario: 'pharmacovigilance', group: 'patients', n: count('f-patients', '药物警戒患者 PV patients'), sensitive: true },
    { scenario: 'hcp-management', group: 'hcps-reporters', n: count('f-hcps', '医务人员联系人 HCP contacts'), sensitive: false },
  ].filter((g) => g.n > 0);
  return {
    schema: 1,
    list: 'bj-2025',
    sector: 'pharma',
    handler: { in_zone: $('f-in-zone').value === 'yes', ciio: $('f-ciio').checked },
    important_data: $('f-genetic').checked ? ['bj-2025.pharma.15'] : [],
    // The list's preconditions for its relaxed bands (items 5/10, two, and 6/11): asked, never assumed.
    item_exceptions: [
      ...($('f-gcp').checked ? ['bj-2025.pharma:subjects-gcp'] : []),
      ...($('f-no-names').checked ? ['bj-2025.pharma:no-names'] : []),
      ...($('f-deidentified').checked ? ['bj-2025.pharma:patients-deidentified'] : []),
    ],
    personal_information: pi.map((g) => ({
      scenario: g.scenario, group: g.group, persons: g.n, sensitive_persons: g.sensitive ? g.n : 0, basis: null,
    })),
  };
}

function precheck() {
  const out = $('precheck');
  const err = $('precheck-error');
  const because = $('precheck-because');
  try {
    const verdict = evaluate(scenarioFromForm());
    out.textContent = PATHWAY[verdict.outcome] || verdict.outcome;
    out.dataset.outcome = verdict.outcome;
    out.dataset.pathways = verdict.pathways.map((p) => p.pathway).join(' ');
    because.replaceChildren(...verdict.findings.map((f) => {
      const li = document.createElement('li');
      li.textContent = `${PATHWAY[f.pathway] || f.pathway}：${f.reason_zh}`;
      return li;
    }));
    err.hidden = true;
  } catch (e) {
    // A field the form cannot pass on: the checker's message names it.
    err.textContent = e.message;
    err.hidden = false;
  }
}

function showCheckerVerdict(verdict, scenario) {
  const out = $('checker-outcome');
  out.textContent = PATHWAY[verdict.outcome] || verdict.outcome;
  out.dataset.outcome = verdict.outcome;
  $('checker-because').textContent = verdict.decided_by ? verdict.decided_by.reason_zh : '—';
  $('f-verdict').value = JSON.stringify({ outcome: verdict.outcome, pathways: verdict.pathways, rules_version: verdict.rules_version });
  $('f-scenario').value = JSON.stringify(scenario);
}

// The element's event: listen before the checker is ready, so the first verdict is not missed.
const checker = $('checker');
checker.addEventListener('xborder-verdict', (e) => showCheckerVerdict(e.detail, checker.scenario));

// The form: a demonstration, nothing is sent anywhere.
$('approval-form').addEventListener('submit', (e) => {
  e.preventDefault();
  $('submitted').textContent = '演示页面：申请未发送。 · Demo page: nothing was sent.';
});
$('approval-form').addEventListener('reset', () => setTimeout(precheck, 0));

try {
  await ready;
  const cat = catalogue();
  const list = cat.lists.find((l) => l.id === 'bj-2025');
  const sector = list && list.sectors.find((s) => s.id === 'pharma');
  $('precheck-rules').textContent = list && sector
    ? `依据《${list.name_zh}》${sector.name_zh} · rules ${cat.rules_version}`
    : `rules ${cat.rules_version}`;
  $('approval-form').addEventListener('input', precheck);
  $('approval-form').addEventListener('change', precheck);
  precheck();
} catch (e) {
  $('precheck-rules').textContent = `合规检查工具无法加载 · The checker could not load: ${e.message}`;
}
