// Background glue (service worker in Chrome, event page in Firefox). It keeps
// each tab's protection state, reported by the content script, for the popup,
// and shows it on the toolbar badge. It stores no page content and makes no
// network request.
'use strict';

// paused_wasm: the page blocks WebAssembly (CSP); not_started: Saavdhan's own module
// is missing or damaged (extension/content/loader.js tells them apart).
const STATES = ['active', 'paused_wasm', 'not_started', 'page_not_understood', 'not_facebook'];
const BADGE = {
  active: { text: '', color: '#166534', title: 'badgeActive' },
  paused_wasm: { text: '!', color: '#9a3412', title: 'badgePaused' },
  not_started: { text: '!', color: '#9a3412', title: 'ctl_badgeNotStarted' },
  page_not_understood: { text: '?', color: '#374151', title: 'badgeNotUnderstood' },
  not_facebook: { text: '', color: '#374151', title: 'badgeNotFacebook' },
};

function key(tabId) {
  return 'tab:' + tabId;
}

// The toolbar tooltip in the language chosen in Saavdhan (else the browser's):
// the chosen catalogue is read from the extension's own files, never the network.
let chosen = null; // { key: text } of the chosen language, or null
async function loadChosenCatalogue() {
  try {
    const { settings } = await chrome.storage.local.get('settings');
    const lang = settings && ['en', 'hi', 'mr'].includes(settings.language) ? settings.language : null;
    if (!lang) { chosen = null; return; }
    const res = await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`));
    const json = await res.json();
    chosen = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v.message]));
  } catch {
    chosen = null;
  }
}
const chosenReady = loadChosenCatalogue();
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.settings) loadChosenCatalogue();
});

async function showBadge(tabId, state) {
  const b = BADGE[state];
  if (!b) return;
  await chosenReady;
  const title = (chosen && chosen[b.title]) || chrome.i18n.getMessage(b.title) || '';
  chrome.action.setBadgeText({ tabId, text: b.text }).catch(() => {});
  chrome.action.setBadgeBackgroundColor({ tabId, color: b.color }).catch(() => {});
  if (title) chrome.action.setTitle({ tabId, title }).catch(() => {});
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== 'string') return false;
  if (msg.type === 'saavdhan:state') {
    const tabId = sender.tab && sender.tab.id;
    if (typeof tabId !== 'number' || !STATES.includes(msg.state)) return false;
    const entry = { state: msg.state, detail: String(msg.detail || '').slice(0, 200), at: Date.now() };
    chrome.storage.session.set({ [key(tabId)]: entry }).catch(() => {});
    showBadge(tabId, msg.state);
    return false;
  }
  if (msg.type === 'saavdhan:get-tab-state') {
    const k = key(msg.tabId);
    chrome.storage.session.get(k).then(
      (r) => sendResponse(r[k] || null),
      () => sendResponse(null)
    );
    return true; // answered asynchronously
  }
  return false;
});

// A new install opens the welcome and practice page (language, family contact,
// PIN, pinning the icon, sample warnings); updates do not.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') chrome.tabs.create({ url: chrome.runtime.getURL('pages/welcome.html') }).catch(() => {});
});

chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(key(tabId)).catch(() => {});
});

// A new document in the tab: its state is unknown until its content script
// reports (pages outside facebook.com never do, so the popup says "not Facebook").
chrome.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status !== 'loading' || !changeInfo.url) return;
  chrome.storage.session.remove(key(tabId)).catch(() => {});
  chrome.action.setBadgeText({ tabId, text: '' }).catch(() => {});
});
