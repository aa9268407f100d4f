/** The label and hint beside a checkbox or a switch; the hint's id is `${id}-hint`. */
export function ChoiceLabel({ id, label, hint }: { id: string; label: string; hint?: string }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="cursor-pointer text-sm font-medium text-zinc-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
