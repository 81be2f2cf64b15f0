// `npm start`: say something at once. Loading the bot (catalog, jieba's dictionary, every module, and
// on a first run tsx compiling them) takes seconds, and a silent terminal looks like a hang.
process.stderr.write('正在加载…\n');
await import('./main.js');
