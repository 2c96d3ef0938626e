/// The page's inline CSS and JavaScript (the page loads nothing else).
///
/// Layout rules: the body never scrolls sideways (tables scroll inside `.scroll` boxes); target names,
/// client lines and probe ids never wrap; prose wraps between words only (an overlong token may break
/// rather than push the page wider); the fix cards stack their labels above the values on a phone.
enum HTMLStyle {
    static let css = """
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:90rem;color:#1b1f24;overflow-wrap:break-word}
        h1{font-size:1.5rem;margin:0 0 .25rem} h2{font-size:1.2rem;margin:1.5rem 0 .5rem} h3{font-size:1rem;margin:0 0 .4rem}
        code{font:.9em/1.3 ui-monospace,monospace;background:#eff1f3;padding:0 .2em;border-radius:3px}
        .target,.line,.probe,.mode,code.cause-id{white-space:nowrap}
        .target{font-weight:600}
        .scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;margin:.25rem 0 .5rem}
        th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
        thead th{background:#f6f8fa}
        table.matrix td.cell{text-align:center;font-size:1.05rem;min-width:2.5rem}
        table.matrix th.target-col{text-align:center} .version{font-weight:normal;color:#57606a;font-size:.85rem}
        table.matrix th.mode{font-weight:normal}
        td.pass,tr.pass td.status{background:#dafbe1} td.fail,tr.fail td.status{background:#ffebe9}
        td.error,tr.error td.status{background:#fff8c5} td.skipped,tr.skipped td.status{background:#f6f8fa}
        .lead{font-size:1.05rem} .lead.ok{color:#1a7f37}
        article.cause{border:1px solid #d0d7de;border-left:6px solid #cf222e;border-radius:6px;padding:.6rem .8rem;margin:.75rem 0}
        article.cause.error{border-left-color:#bf8700} article.cause.advice{border-left-color:#0969da}
        article.cause .symbol{display:inline-block;min-width:1.2em;font-weight:bold;color:#cf222e}
        article.cause.error .symbol{color:#9a6700} article.cause.advice .symbol{color:#0969da}
        .remedy{margin:.3rem 0;padding:.4rem .6rem;background:#f6f8fa;border-radius:4px}
        .remedy strong{margin-right:.4em}
        dl.affected{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem .8rem;margin:.4rem 0}
        dl.affected>div{display:contents} dt{color:#57606a} dd{margin:0}
        dd .target{display:inline-block;max-width:100%;overflow-x:auto;vertical-align:bottom;margin-right:.6em}
        details.members summary{cursor:pointer;color:#0969da} details.members ul{margin:.3rem 0;padding-left:1.2rem}
        .new{background:#cf222e;color:#fff;border-radius:3px;padding:0 .3em;font-size:.8rem}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;max-width:60rem;background:#f6f8fa;padding:.5rem;margin:.25rem 0;font-size:.85rem}
        td.details{min-width:16rem} #outcomes td.name{white-space:nowrap}
        #filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
        select{max-width:100%}
        .warning{background:#fff8c5;padding:.5rem} .legend{color:#57606a}
        @media (max-width:40rem){
          body{padding:.75rem}
          dl.affected{display:block} dl.affected dt{margin-top:.3rem}
        }
        """

    static let script = """
        (function(){
          var ids=["filter-target","filter-probe","filter-status"];
          var keys=["target","probe","status"];
          var rows=Array.prototype.slice.call(document.querySelectorAll("#outcomes tr.case"));
          function apply(){
            var wanted=ids.map(function(id){return document.getElementById(id).value;});
            var shown=0;
            rows.forEach(function(row){
              var ok=keys.every(function(key,i){return !wanted[i]||row.dataset[key]===wanted[i];});
              row.style.display=ok?"":"none"; if(ok){shown++;}
            });
            document.getElementById("shown").textContent="showing "+shown+" of "+rows.length+" cases";
          }
          ids.forEach(function(id){document.getElementById(id).addEventListener("change",apply);});
          var params=new URLSearchParams(location.search);
          ids.forEach(function(id,i){var v=params.get(keys[i]);if(v!==null){document.getElementById(id).value=v;}});
          apply();
          document.body.setAttribute("data-ready","1");
        })();
        """
}
