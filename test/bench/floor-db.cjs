// The database floor: the commander floor plus better-sqlite3 opening the bench database in WAL
// mode and running one query. What any such CLI pays before its own queries (`npm run bench`).
const { Command } = require('commander');
const Database = require('better-sqlite3');

new Command('floor')
  .argument('<db>')
  .action((path) => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.prepare('SELECT name FROM profile WHERE id = 1').get();
    db.close();
  })
  .parse(process.argv);
