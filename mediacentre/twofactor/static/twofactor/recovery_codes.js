// A Copy button for the recovery codes, shown only where the browser lets a page write to
// the clipboard; without it the codes can still be downloaded, printed or copied by hand.
document.querySelectorAll("[data-copy-recovery-codes]").forEach((button) => {
    if (!navigator.clipboard) {
        return;
    }
    const list = document.getElementById(button.getAttribute("aria-controls"));
    const status = document.getElementById(button.dataset.statusId);
    button.hidden = false;
    button.addEventListener("click", async () => {
        const codes = [...list.querySelectorAll("code")].map((code) => code.textContent.trim());
        try {
            await navigator.clipboard.writeText(`${codes.join("\n")}\n`);
            status.textContent = button.dataset.copied;
        } catch {
            status.textContent = button.dataset.notCopied;
        }
    });
});
